// npm run console -- token create --name X --role analyst --days 30 | token list | token revoke <id>
// Administration from the shell. With the embedded database it refuses while the console server owns the data
// folder (use the Settings page then); with PostgreSQL it works alongside running consoles.
import { getDatabase } from "../lib/db";
import { runConsole } from "./lib/console-cli";

runConsole(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line) })
  .then(async (code) => {
    await getDatabase().close();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(`console: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
