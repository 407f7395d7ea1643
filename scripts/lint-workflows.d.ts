/** Problems in one workflow's text, as "path:line:col: message [kind]". */
export function lintWorkflow(text: string, path: string): Promise<string[]>;
