/**
 * The formats of research records, shared by research.ts and restore (schemas.ts) without
 * loading the export code. A backup's study IDs must have exactly the generated form, so a file
 * cannot smuggle a pupil's name or case code into the next export as a "study ID".
 */
export const PROJECT_NAME_MAX = 80;

export const STUDY_ID_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const STUDY_ID_LENGTH = 8;
/** "S-" and eight characters of the alphabet, nothing else. */
export const STUDY_ID_PATTERN = new RegExp(`^S-[${STUDY_ID_ALPHABET}]{${STUDY_ID_LENGTH}}$`);
