import { describe, expect, it } from "vitest";
import { DatabaseTimeoutError, isReadStatement, isStatementTimeout, statementTimeoutMs } from "@/db/statement-timeout";

describe("the statement timeout", () => {
  it("applies to reads the portal serves (15 s), not to scripts, unless DB_STATEMENT_TIMEOUT_MS says otherwise", () => {
    expect(statementTimeoutMs({ NEXT_RUNTIME: "nodejs" })).toBe(15_000);
    expect(statementTimeoutMs({})).toBe(0);
    expect(statementTimeoutMs({ DB_STATEMENT_TIMEOUT_MS: "2500" })).toBe(2500);
    expect(statementTimeoutMs({ NEXT_RUNTIME: "nodejs", DB_STATEMENT_TIMEOUT_MS: "0" })).toBe(0);
    expect(() => statementTimeoutMs({ DB_STATEMENT_TIMEOUT_MS: "15s" })).toThrow(/DB_STATEMENT_TIMEOUT_MS must be a whole number/);
    expect(() => statementTimeoutMs({ DB_STATEMENT_TIMEOUT_MS: "-1" })).toThrow(/DB_STATEMENT_TIMEOUT_MS/);
  });

  it("counts as reads only statements that cannot write", () => {
    for (const q of ['select "id" from "organisations"', "  with t as (select 1) select * from t", "(select 1) union (select 2)", "explain select 1", "values (1)"]) {
      expect(isReadStatement(q), q).toBe(true);
    }
    for (const q of [
      'insert into "organisations" values (1)',
      "update t set a = 1",
      "delete from t",
      "with x as (insert into t values (1) returning *) select * from x",
      "select * from t for update",
      "select nextval('s')",
      "select pg_advisory_lock(1)",
      "analyze organisations",
      "create table t (a int)",
      "begin",
    ]) {
      expect(isReadStatement(q), q).toBe(false);
    }
  });

  it("is recognised through drizzle's wrapping, and PostgreSQL's own cancellation too", () => {
    const e = new DatabaseTimeoutError(15_000, "select 1");
    expect(isStatementTimeout(new Error("Failed query", { cause: e }))).toBe(true);
    expect(isStatementTimeout(Object.assign(new Error("canceling statement due to statement timeout"), { code: "57014" }))).toBe(true);
    expect(isStatementTimeout(new Error("other"))).toBe(false);
    expect(e.key).toBe("errors.databaseTimeout");
    expect(e.message).toMatch(/within 15 s/);
  });
});
