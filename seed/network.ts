import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organisations, type OrgLevel } from "@/db/schema";
import { intBetween, seededRandom } from "@/lib/random/seeded";
import { COUNTY_SUFFIXES, HUB, REGIONAL_PLACES, SUB_CENTRES } from "@/seed/network-data";

type NewOrg = { code: string; nameZh: string; nameEn: string; level: OrgLevel; province: string; city: string };

async function insertChild(db: Db, parent: { id: number; path: string; depth: number } | null, o: NewOrg) {
  const [row] = await db
    .insert(organisations)
    .values({ ...o, parentId: parent?.id ?? null, path: "/", depth: parent ? parent.depth + 1 : 0 })
    .returning({ id: organisations.id });
  const path = `${parent?.path ?? "/"}${row.id}/`;
  await db.update(organisations).set({ path }).where(eq(organisations.id, row.id));
  return { id: row.id, path, depth: parent ? parent.depth + 1 : 0 };
}

/** Hub, 2 sub-centres, 20 regional centres, 3-8 grass-roots hospitals under each. */
export async function seedNetwork(db: Db): Promise<void> {
  const rand = seededRandom(20130601);
  const hub = await insertChild(db, null, { ...HUB, level: "hub" });
  const subs = [];
  for (const sc of SUB_CENTRES) subs.push(await insertChild(db, hub, { ...sc, level: "sub_centre" }));
  for (let i = 0; i < REGIONAL_PLACES.length; i++) {
    const [province, cityZh, cityEn] = REGIONAL_PLACES[i];
    const n = String(i + 1).padStart(2, "0");
    const rc = await insertChild(db, subs[i < 10 ? 0 : 1], {
      code: `R${n}`,
      nameZh: `${cityZh}市肿瘤医院（区域中心）`,
      nameEn: `${cityEn} Cancer Hospital (Regional Centre)`,
      level: "regional_centre",
      province,
      city: cityZh,
    });
    const count = intBetween(rand, 3, 8);
    for (let g = 1; g <= count; g++) {
      const [sZh, sEn] = COUNTY_SUFFIXES[(g - 1) % COUNTY_SUFFIXES.length];
      await insertChild(db, rc, {
        code: `R${n}G${g}`,
        nameZh: `${cityZh}第${g}${sZh}`,
        nameEn: `${cityEn} No. ${g} ${sEn}`,
        level: "grassroots",
        province,
        city: cityZh,
      });
    }
  }
}
