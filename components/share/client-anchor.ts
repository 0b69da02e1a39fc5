/** A share page's in-page anchor for a client: its only links stay on the page. */
export function clientAnchor(index: number): string {
  return `client-${index + 1}`;
}
