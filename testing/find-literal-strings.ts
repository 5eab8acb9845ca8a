/**
 * Finds user-facing text written into components instead of the message files (docs/i18n.md):
 * JSX text, string literals (and template text) in user-facing props such as label, title,
 * placeholder, aria-label and alt, in JSX children expressions, and as values of object properties
 * with those names. Text without letters ("—", "→", "12") and the few names in ALLOWED pass.
 */
import ts from "typescript";

/** Names and marks that read the same in every language. Keep this list short. */
export const ALLOWED = new Set(["APIcenter", "CS-Cart", "Visma.net"]);

/** Props and object keys whose string values are shown to people. */
export const USER_FACING = new Set([
  "label",
  "title",
  "hint",
  "placeholder",
  "description",
  "alt",
  "aria-label",
  "aria-description",
  "aria-valuetext",
  "message",
  "successMessage",
  "confirmLabel",
  "addLabel",
  "keyLabel",
  "valueLabel",
  "loadingLabel",
  "emptyText",
]);

export type LiteralString = { file: string; line: number; text: string; where: string };

function isLanguage(text: string): boolean {
  const rest = [...ALLOWED].reduce((remaining, name) => remaining.split(name).join(" "), text);
  return /\p{L}/u.test(rest);
}

function propName(name: ts.PropertyName | ts.JsxAttributeName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  if (ts.isJsxNamespacedName(name)) return `${name.namespace.text}:${name.name.text}`;
  return undefined;
}

/** The literal text pieces of an expression that ends up shown: strings, template parts, both sides of ?:, && and ??. */
function textsOf(node: ts.Node): { node: ts.Node; text: string }[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [{ node, text: node.text }];
  if (ts.isTemplateExpression(node)) return [{ node, text: [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(" ") }];
  if (ts.isParenthesizedExpression(node)) return textsOf(node.expression);
  if (ts.isConditionalExpression(node)) return [...textsOf(node.whenTrue), ...textsOf(node.whenFalse)];
  if (
    ts.isBinaryExpression(node) &&
    [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(node.operatorToken.kind)
  ) {
    return textsOf(node.right);
  }
  return [];
}

export function findLiteralStrings(file: string, source: string): LiteralString[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: LiteralString[] = [];
  const report = (node: ts.Node, text: string, where: string) => {
    if (isLanguage(text)) found.push({ file, line: sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.trim(), where });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.text, "JSX text");
    else if (ts.isJsxAttribute(node) && node.initializer) {
      const name = propName(node.name);
      if (name && USER_FACING.has(name)) {
        const value = ts.isJsxExpression(node.initializer) ? node.initializer.expression : node.initializer;
        for (const piece of value ? textsOf(value) : []) report(piece.node, piece.text, `prop ${name}`);
      }
    } else if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      for (const piece of textsOf(node.expression)) report(piece.node, piece.text, "JSX child");
    } else if (ts.isPropertyAssignment(node)) {
      const name = propName(node.name);
      if (name && USER_FACING.has(name)) for (const piece of textsOf(node.initializer)) report(piece.node, piece.text, `property ${name}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}
