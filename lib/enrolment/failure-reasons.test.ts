import { describe, expect, it } from "vitest";
import { failureReasons } from "@/lib/enrolment/failure-reasons";

const criteria = [
  { code: "I1", textZh: "年龄 18–75 岁", textEn: "Aged 18–75" },
  { code: "I2", textZh: "确诊", textEn: "Confirmed diagnosis" },
  { code: "E1", textZh: "妊娠", textEn: "Pregnant" },
];

describe("screen-failure reasons", () => {
  it("shows each failing criterion as its code plus its text, in Chinese", () => {
    expect(failureReasons(["I2", "E1"], criteria, "zh-CN")).toEqual(["I2 确诊", "E1 妊娠"]);
  });
  it("and in English", () => {
    expect(failureReasons(["I2", "E1"], criteria, "en")).toEqual(["I2 Confirmed diagnosis", "E1 Pregnant"]);
  });
  it("falls back to the Chinese text when a criterion has no English, and keeps an unknown code", () => {
    expect(failureReasons(["I1", "X9"], [{ code: "I1", textZh: "年龄 18–75 岁", textEn: "" }], "en")).toEqual(["I1 年龄 18–75 岁", "X9"]);
  });
});
