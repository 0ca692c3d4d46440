export function NotFound() {
  return (
    <section>
      <h1>Not found</h1>
      <p>
        There is no page here. Go to <a href="/flights">your flights</a>.
      </p>
    </section>
  );
}
