import { getSpecimenEndpoint } from "@/lib/api/endpoints/specimens";

export const dynamic = "force-dynamic";
export const GET = getSpecimenEndpoint;
