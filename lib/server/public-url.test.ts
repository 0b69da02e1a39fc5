import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { plainHttpWarning, publicOrigin, servedOverHttps } from "./public-url";
import { isSameOrigin } from "./same-origin";
import { requestOrigin } from "./shares-http";

afterEach(() => {
  delete process.env.RERUN_DOCTOR_PUBLIC_URL;
});

describe("RERUN_DOCTOR_PUBLIC_URL", () => {
  it("is an origin, or nothing", () => {
    expect(publicOrigin({})).toBeNull();
    expect(publicOrigin({ RERUN_DOCTOR_PUBLIC_URL: "https://Doctor.Example.com/" })).toBe("https://doctor.example.com");
    expect(publicOrigin({ RERUN_DOCTOR_PUBLIC_URL: "http://10.0.0.5:8080" })).toBe("http://10.0.0.5:8080");
    for (const bad of ["doctor.example.com", "ftp://x", "https://x/app", "https://x/?a=1", "https://u:p@x"])
      expect(() => publicOrigin({ RERUN_DOCTOR_PUBLIC_URL: bad }), bad).toThrow(/must be an origin/);
  });

  it("lets the CSRF check accept a proxy that rewrites Host, and only the public origin", () => {
    const behindProxy = new Headers({ origin: "https://doctor.example.com", host: "127.0.0.1:3000" });
    expect(isSameOrigin(behindProxy)).toBe(false);
    process.env.RERUN_DOCTOR_PUBLIC_URL = "https://doctor.example.com";
    expect(isSameOrigin(behindProxy)).toBe(true);
    expect(isSameOrigin(new Headers({ origin: "http://doctor.example.com", host: "doctor.example.com" }))).toBe(false);
    expect(isSameOrigin(new Headers({ origin: "https://evil.example", host: "doctor.example.com" }))).toBe(false);
  });

  it("names share links and decides Secure cookies, whatever Host or X-Forwarded-Proto say", () => {
    const request = new NextRequest("http://127.0.0.1:3000/api/runs/x/share", {
      headers: { host: "evil.example", "x-forwarded-proto": "http" },
    });
    expect(requestOrigin(request)).toBe("http://evil.example");
    expect(servedOverHttps("http:")).toBe(false);
    process.env.RERUN_DOCTOR_PUBLIC_URL = "https://doctor.example.com";
    expect(requestOrigin(request)).toBe("https://doctor.example.com");
    expect(servedOverHttps("http:")).toBe(true);
  });

  it("warns about plain HTTP beyond loopback, unless an https public URL says a TLS proxy is in front", () => {
    expect(plainHttpWarning({})).toBeNull();
    expect(plainHttpWarning({ HOST: "127.0.0.1" })).toBeNull();
    expect(plainHttpWarning({ HOST: "0.0.0.0" })).toMatch(/plain HTTP/);
    expect(plainHttpWarning({ HOST: "0.0.0.0", RERUN_DOCTOR_PUBLIC_URL: "http://10.0.0.5" })).toMatch(/plain HTTP/);
    expect(plainHttpWarning({ HOST: "0.0.0.0", RERUN_DOCTOR_PUBLIC_URL: "https://doctor.example.com" })).toBeNull();
  });
});
