/** Passphrases shorter than this are refused (the screen says so); long is better than clever. */
export const MIN_PASSPHRASE_LENGTH = 10;
