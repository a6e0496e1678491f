import { describe, expect, it } from "vitest";
import { NOTIFICATION_KINDS } from "@/lib/enums";
import { mailConfig } from "@/lib/notifications/mail-config";
import { mailMessage } from "@/lib/notifications/mail-message";

const BASE = "https://portal.example.org";
/** Everything a notice may carry in-app; the e-mail may use only the subject code. */
const params = { subjectCode: "LC-203-R01-0007", studyCode: "LC-203", term: "Febrile neutropenia", grade: 4, field: "ecog", record: "visit", visitNameEn: "Week 6", visitNameZh: "第6周", windowEnd: "2026-11-20", late: true, days: 15 };
const entity = { sae_reported: "adverse_event", sae_followup_due: "adverse_event", visit_overdue: "visit", query_raised: "query", query_answered: "query", query_reopened: "query", biomarker_match: "participant", biomarker_matches: "study" } as const;

describe("notification e-mails", () => {
  it.each(NOTIFICATION_KINDS.flatMap((k) => [[k, "zh-CN"] as const, [k, "en"] as const]))("%s in %s: subject code, link, and nothing clinical", (kind, locale) => {
    const m = mailMessage({ kind, entityType: entity[kind], entityId: 42, params }, locale, BASE);
    const all = `${m.subject}\n${m.text}`;
    expect(m.subject).not.toMatch(/followup\.|mail\./);
    if (entity[kind] === "study") {
      // A site's new biomarker matches: the study and its match page, no subject code.
      expect(m.subject).toContain("LC-203");
      expect(all).not.toContain("LC-203-R01-0007");
      expect(m.text).toContain(`${BASE}/studies/LC-203/biomarker-matches\n`);
    } else {
      expect(m.subject).toContain("LC-203-R01-0007");
      expect(m.text).toMatch(new RegExp(`${BASE}/follow-up/(queries/42|LC-203-R01-0007(/(ae|visits)/42)?)\\n`));
    }
    for (const secret of ["Febrile", "neutropenia", "ecog", "Week 6", "第6周", "2026-11-20", "4 级", "grade 4"]) expect(all).not.toContain(secret);
    expect(/[\u4e00-\u9fff]/.test(all)).toBe(locale === "zh-CN");
  });

  it("falls back to Chinese for a user without a language, and links a query by its number", () => {
    const m = mailMessage({ kind: "query_raised", entityType: "query", entityId: 7, params }, null, BASE);
    expect(m.subject).toBe("【NCRC】新的数据质疑 #7：LC-203-R01-0007");
    expect(m.text).toContain(`${BASE}/follow-up/queries/7`);
  });
});

describe("mail settings", () => {
  it("are on only with both SMTP_URL and MAIL_FROM, and link to the public URL", () => {
    expect(mailConfig({})).toBeNull();
    expect(mailConfig({ SMTP_URL: "smtp://mail.example.org:587" })).toBeNull();
    expect(mailConfig({ SMTP_URL: "smtp://mail.example.org:587", MAIL_FROM: "portal@example.org", NEXTAUTH_URL: "https://portal.example.org/" })).toEqual({
      smtpUrl: "smtp://mail.example.org:587",
      from: "portal@example.org",
      baseUrl: "https://portal.example.org",
    });
    expect(mailConfig({ SMTP_URL: "smtp://h", MAIL_FROM: "a@b", PORT: "3100" })?.baseUrl).toBe("http://localhost:3100");
  });
});
