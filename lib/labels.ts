/** Words shown to shop owners for internal names. Module labels are in each module's definition. */
export const CONNECTION_LABELS = { CSCART: "CS-Cart shop", VISMA: "Visma.net" } as const;
