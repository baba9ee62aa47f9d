# Sourced by the bench scripts: `run` (their function, given the database's name) on SQLite,
# then on PostgreSQL when BENCH_DATABASE_URL names an empty database the script may wipe.
on_each_database() {
  unset DATABASE_URL
  run SQLite
  if [[ -n "${BENCH_DATABASE_URL:-}" ]]; then
    PGOPTIONS=--client-min-messages=warning psql -q -v ON_ERROR_STOP=1 "$BENCH_DATABASE_URL" -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;' >/dev/null
    export DATABASE_URL=$BENCH_DATABASE_URL
    run PostgreSQL
  else
    echo "== PostgreSQL skipped: set BENCH_DATABASE_URL to an empty database this script may wipe"
  fi
}
