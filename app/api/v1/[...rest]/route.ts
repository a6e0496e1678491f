import { unknownPathEndpoint } from "@/lib/api/endpoints/not-found";

export const dynamic = "force-dynamic";
export const GET = unknownPathEndpoint;
export const PUT = unknownPathEndpoint;
export const POST = unknownPathEndpoint;
export const PATCH = unknownPathEndpoint;
export const DELETE = unknownPathEndpoint;
