import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
for (const s of process.argv.slice(2)) console.log(countTokens(JSON.stringify(s)), s);
