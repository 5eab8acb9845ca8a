import { describe, expect, it } from "vitest";
import { createTestTenant, createTestUser } from "../../testing/fixtures";
import { db } from "../db";
import { AppError } from "../errors";
import { notifyOrderFailed } from "./notify-order-failed";

const skuError = new AppError(
  "SKU_NOT_FOUND",
  'Article "KJK-15" does not exist in Visma.net. Create it there (or correct the SKU in CS-Cart), then retry the order.',
  {
    params: { variant: "missing", missing: ['"KJK-15"'], inactive: [] },
  },
);

async function emailsOf(tenantId: string) {
  return db.outboundEmail.findMany({ where: { tenantId }, orderBy: { dedupeKey: "asc" } });
}

describe("failed-order e-mail in each recipient's language", () => {
  it("sends members their own language and other addresses the tenant's, once per order and reason", async () => {
    const { tenant, users } = await createTestTenant("mail-lang");
    await db.user.update({ where: { id: users.ADMIN.id }, data: { locale: "en" } });
    await db.settings.update({ where: { tenantId: tenant.id }, data: { emailLocale: "nl" } });
    // A login that is not a member of this tenant counts as an outside address.
    const outsider = await createTestUser("outsider");
    await db.user.update({ where: { id: outsider.id }, data: { locale: "en" } });
    const input = {
      tenantId: tenant.id,
      tenantName: tenant.name,
      recipients: [users.ADMIN.email.toUpperCase(), "boekhouding@example.nl", outsider.email, users.VIEWER.email],
      orderId: "1042",
      error: skuError,
      dashboardUrl: "https://apicenter.example/shop/runs/1",
    };

    expect(await notifyOrderFailed(input)).toBe(true);
    const [english, dutch] = await emailsOf(tenant.id);
    expect(english!.dedupeKey).toBe("order-failed:1042:SKU_NOT_FOUND:en");
    expect(english!.recipients).toEqual([users.ADMIN.email.toUpperCase()]);
    expect(english!.subject).toBe("Order 1042 could not be sent to Visma.net");
    expect(english!.body).toContain('Reason: Article "KJK-15" does not exist in Visma.net.');

    // The viewer chose no language: the tenant's applies, as for the outside addresses.
    expect(dutch!.dedupeKey).toBe("order-failed:1042:SKU_NOT_FOUND:nl");
    expect(dutch!.recipients).toEqual(["boekhouding@example.nl", outsider.email, users.VIEWER.email]);
    expect(dutch!.subject).toBe("Bestelling 1042 kon niet naar Visma.net worden gestuurd");
    expect(dutch!.body).toContain(`APIcenter kon CS-Cart-bestelling #1042 van ${tenant.name} niet naar Visma.net sturen.`);
    expect(dutch!.body).toContain('Reden: Artikel "KJK-15" bestaat niet in Visma.net.');
    expect(dutch!.body).toContain("maak bijvoorbeeld het ontbrekende artikel aan in Visma.net");

    // A retry with the same reason sends nothing again.
    expect(await notifyOrderFailed(input)).toBe(false);
    expect(await emailsOf(tenant.id)).toHaveLength(2);
  });

  it("keeps the e-mail in the tenant's language when no recipients are set", async () => {
    const { tenant } = await createTestTenant("mail-none");
    await notifyOrderFailed({ tenantId: tenant.id, tenantName: tenant.name, recipients: [], orderId: "7", error: skuError, dashboardUrl: "https://x.example" });
    const [kept] = await emailsOf(tenant.id);
    expect(kept).toMatchObject({ dedupeKey: "order-failed:7:SKU_NOT_FOUND:en", recipients: [], subject: "Order 7 could not be sent to Visma.net" });
  });
});
