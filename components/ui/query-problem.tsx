/**
 * A page whose address carries a parameter it cannot use (?month=garbage): the page's title and
 * the message naming the parameter, with a way back to the page's defaults. Rendered instead of
 * throwing, which would be a server error with the message hidden.
 */
export function QueryProblem({ title, problem }: { title: string; problem: string }) {
  return (
    <>
      <div className="page-header">
        <h1>{title}</h1>
      </div>
      <div className="notice" role="alert" data-testid="query-problem">
        <p>This address has a parameter the page cannot use: {problem}</p>
        <p>
          <a href="?">Show the page without it</a>
        </p>
      </div>
    </>
  );
}
