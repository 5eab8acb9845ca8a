import { AppError } from "../../errors";

/** For a module's readOne: a record deleted on the remote since it was listed is simply gone. */
export async function unlessNotFound<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof AppError && error.code === "REMOTE_NOT_FOUND") return undefined;
    throw error;
  }
}
