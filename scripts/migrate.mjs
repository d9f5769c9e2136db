// Applies migrations/*.sql to DATABASE_URL (each once, in order): `DATABASE_URL=… npm run db:migrate`.
import { migrate } from './lib/migrate.mjs'

const url = process.env.DATABASE_URL
if (!url) {
  console.error('DATABASE_URL is required, e.g. DATABASE_URL=postgres://user:pass@host:5432/phr npm run db:migrate')
  process.exit(2)
}
try {
  const applied = await migrate(url)
  console.log(applied.length ? `applied ${applied.length} migration(s)` : 'the database is up to date')
} catch (error) {
  console.error(`migration failed: ${error.message}`)
  process.exit(1)
}
