import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { appendAllowedPrivateHosts, parseEnv } from "./env";

const valid = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://user:pw@db.example.com:5432/apicenter",
  APP_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
  NEXTAUTH_URL: "https://apicenter.example.com",
};

describe("environment schema", () => {
  it("accepts a complete production environment and applies defaults", () => {
    const env = parseEnv(valid);
    expect(env.WORKER_CONCURRENCY).toBe(4);
    expect(env.PUBLIC_BASE_URL).toBe("https://apicenter.example.com");
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.LOG_LEVEL).toBe("info");
    expect(env.METRICS_TOKEN).toBeUndefined();
    expect(env.WORKER_HTTP_PORT).toBe(9464);
    expect(env.ALLOW_LOCALHOST_HTTP).toBe(false);
  });

  it("refuses to start in production without an encryption key, naming it", () => {
    const { APP_ENCRYPTION_KEY: _omitted, ...rest } = valid;
    expect(() => parseEnv(rest)).toThrowError(/APP_ENCRYPTION_KEY/);
  });

  it("refuses a key of the wrong length", () => {
    expect(() => parseEnv({ ...valid, APP_ENCRYPTION_KEY: randomBytes(24).toString("base64") })).toThrowError(/APP_ENCRYPTION_KEY: must be 32 bytes/);
  });

  it("names a database URL that is not PostgreSQL", () => {
    expect(() => parseEnv({ ...valid, DATABASE_URL: "mysql://x" })).toThrowError(/DATABASE_URL: must be a postgresql/);
  });

  it("checks numbers and URLs", () => {
    expect(() => parseEnv({ ...valid, WORKER_CONCURRENCY: "0" })).toThrowError(/WORKER_CONCURRENCY/);
    expect(() => parseEnv({ ...valid, SMTP_URL: "http://mail" })).toThrowError(/SMTP_URL/);
    expect(parseEnv({ ...valid, WORKER_CONCURRENCY: "8" }).WORKER_CONCURRENCY).toBe(8);
  });

  it("refuses to start in production without a session secret, naming it", () => {
    const { NEXTAUTH_SECRET: _omitted, ...rest } = valid;
    expect(() => parseEnv(rest)).toThrowError(/NEXTAUTH_SECRET: is required/);
  });

  it("in production, needs an https public address", () => {
    const { NEXTAUTH_URL: _omitted, ...rest } = valid;
    expect(() => parseEnv(rest)).toThrowError(/NEXTAUTH_URL: is required in production/);
    expect(() => parseEnv({ ...valid, NEXTAUTH_URL: "http://apicenter.example.com" })).toThrowError(/NEXTAUTH_URL: must start with https:\/\/ in production$/);
    expect(() => parseEnv({ ...valid, PUBLIC_BASE_URL: "http://images.example.com" })).toThrowError(/PUBLIC_BASE_URL: must start with https:\/\//);
    expect(parseEnv({ ...valid, PUBLIC_BASE_URL: "https://images.example.com" }).PUBLIC_BASE_URL).toBe("https://images.example.com");
  });

  it("lets a local production build use http://localhost only with the explicit flag", () => {
    const local = { ...valid, NEXTAUTH_URL: "http://localhost:3000" };
    expect(() => parseEnv(local)).toThrowError(/NEXTAUTH_URL: .*needs ALLOW_LOCALHOST_HTTP=true/);
    expect(parseEnv({ ...local, ALLOW_LOCALHOST_HTTP: "true" }).NEXTAUTH_URL).toBe("http://localhost:3000");
    expect(parseEnv({ ...local, NEXTAUTH_URL: "http://127.0.0.1:3000", ALLOW_LOCALHOST_HTTP: "true" }).ALLOW_LOCALHOST_HTTP).toBe(true);
    // The flag opens http for this machine's own names only.
    expect(() => parseEnv({ ...valid, NEXTAUTH_URL: "http://apicenter.example.com", ALLOW_LOCALHOST_HTTP: "true" })).toThrowError(
      /NEXTAUTH_URL: must start with https/,
    );
    expect(() => parseEnv({ ...local, ALLOW_LOCALHOST_HTTP: "sure" })).toThrowError(/ALLOW_LOCALHOST_HTTP: must be true or false/);
  });

  it("checks the operations settings", () => {
    expect(() => parseEnv({ ...valid, LOG_LEVEL: "verbose" })).toThrowError(/LOG_LEVEL/);
    expect(parseEnv({ ...valid, LOG_LEVEL: "debug" }).LOG_LEVEL).toBe("debug");
    expect(() => parseEnv({ ...valid, METRICS_TOKEN: "short" })).toThrowError(/METRICS_TOKEN: must be at least 16 characters/);
    expect(() => parseEnv({ ...valid, WORKER_HTTP_PORT: "70000" })).toThrowError(/WORKER_HTTP_PORT/);
    expect(parseEnv({ ...valid, WORKER_HTTP_PORT: "0" }).WORKER_HTTP_PORT).toBe(0);
  });

  it("outside production, fills missing secrets from the local data folder", () => {
    const { APP_ENCRYPTION_KEY: _k, NEXTAUTH_SECRET: _s, ...rest } = valid;
    const env = parseEnv({ ...rest, NODE_ENV: "test" });
    expect(Buffer.from(env.APP_ENCRYPTION_KEY, "base64")).toHaveLength(32);
    expect(parseEnv({ ...rest, NODE_ENV: "test" }).APP_ENCRYPTION_KEY).toBe(env.APP_ENCRYPTION_KEY);
  });
});

describe("ALLOWED_PRIVATE_HOSTS", () => {
  it("defaults to none and keeps host:port entries in one spelling", () => {
    expect(parseEnv(valid).ALLOWED_PRIVATE_HOSTS).toEqual([]);
    expect(parseEnv({ ...valid, ALLOWED_PRIVATE_HOSTS: " 127.0.0.1:4101, LocalHost:4102,[::1]:4103,[::ffff:127.0.0.1]:4104" }).ALLOWED_PRIVATE_HOSTS).toEqual([
      "127.0.0.1:4101",
      "localhost:4102",
      "::1:4103",
      "127.0.0.1:4104",
    ]);
  });

  it("names an entry that is not host:port", () => {
    expect(() => parseEnv({ ...valid, ALLOWED_PRIVATE_HOSTS: "127.0.0.1" })).toThrowError(/ALLOWED_PRIVATE_HOSTS: "127.0.0.1" is not host:port/);
    expect(() => parseEnv({ ...valid, ALLOWED_PRIVATE_HOSTS: "127.0.0.1:*" })).toThrowError(/ALLOWED_PRIVATE_HOSTS/);
    expect(() => parseEnv({ ...valid, ALLOWED_PRIVATE_HOSTS: "10.0.0.0/8:80" })).toThrowError(/ALLOWED_PRIVATE_HOSTS/);
  });

  it("adds the simulators' addresses to what the operator listed", () => {
    expect(appendAllowedPrivateHosts("10.1.2.3:8080", ["http://127.0.0.1:4101", "http://127.0.0.1:4102/x", "http://127.0.0.1:4101"])).toBe(
      "10.1.2.3:8080,127.0.0.1:4101,127.0.0.1:4102",
    );
    expect(appendAllowedPrivateHosts(undefined, ["https://mail.local"])).toBe("mail.local:443");
  });
});
