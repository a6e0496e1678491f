/** Where a user's pages live; the actions binding and the tests share them. */
export const USERS_PATH = "/users";

export function userPath(id: number): string {
  return `${USERS_PATH}/${id}`;
}

/** Where a successful create goes: the new user's page, saying that it was created. */
export function createdUserPath(id: number): string {
  return `${userPath(id)}?created=1`;
}

/** The page where the person a reset link was issued for chooses a new password. */
export function resetPath(token: string): string {
  return `/reset/${token}`;
}
