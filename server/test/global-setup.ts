/** Says up front which database suites will run, so a skipped dialect is never silent. */
export default function setup(): void {
  const pg = process.env.PG_TEST_URL;
  const line = pg
    ? `[quancheng tests] database suites run on: sqlite, postgresql (${pg.replace(/\/\/[^@]*@/, '//…@')})`
    : '[quancheng tests] database suites run on: sqlite — postgresql SKIPPED (set PG_TEST_URL=postgres://… to run them)';
  process.stdout.write(`\n${line}\n\n`);
}
