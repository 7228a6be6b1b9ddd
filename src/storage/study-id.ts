/**
 * The format of a research study ID, shared by the generator (research.ts) and restore
 * (schemas.ts): a backup's study IDs must have exactly this form, so a file cannot smuggle a
 * pupil's name or case code into the next export as a "study ID".
 */
export const STUDY_ID_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const STUDY_ID_LENGTH = 8;
/** "S-" and eight characters of the alphabet, nothing else. */
export const STUDY_ID_PATTERN = new RegExp(`^S-[${STUDY_ID_ALPHABET}]{${STUDY_ID_LENGTH}}$`);
