import argon2 from 'argon2';

/**
 * `npm run hash-password`: reads a password from stdin (first line) and prints its argon2id hash
 * for `HELPDESK_USERS_FILE`. Reading stdin keeps the password out of the shell history.
 */
async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (password.length < 10) {
    process.stderr.write('hash-password: give a password of at least 10 characters on stdin\n');
    process.exit(1);
  }
  process.stdout.write(`${await argon2.hash(password, { type: argon2.argon2id })}\n`);
}

void main();
