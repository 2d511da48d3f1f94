"use client";

// Last-resort boundary: replaces the root layout, so it brings its own <html>.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "2rem" }}>
        <h1>The console failed to load</h1>
        <p>Try again; if it keeps failing, give this reference to your administrator: {error.digest ?? "n/a"}</p>
        <button type="button" onClick={reset}>
          Retry
        </button>
      </body>
    </html>
  );
}
