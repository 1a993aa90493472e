// Turns TeX into HTML with KaTeX, for hooks/formule.py: one JSON request per line on
// stdin ({"tex", "display"}), one JSON answer per line on stdout ({"html"} or {"error"}).
import { createInterface } from "node:readline";
import katex from "katex";

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const { tex, display } = JSON.parse(line);
  let answer;
  try {
    answer = {
      html: katex.renderToString(tex, {
        displayMode: display,
        output: "htmlAndMathml", // MathML for screen readers, HTML for the eyes
        throwOnError: true,
        // Accented letters inside \text{} are fine in Italian prose; anything else odd fails.
        strict: (code) => (code === "unicodeTextInMathMode" ? "ignore" : "error"),
      }),
    };
  } catch (error) {
    answer = { error: String(error.message || error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
