import { useState } from "react";

// Newsletter is a sign-up form placed below the fold (client:visible).
export default function Newsletter({ topic = "news" }) {
  const [email, setEmail] = useState("");
  const [done, setDone] = useState(false);
  if (done) {
    return <p role="status">Thanks! You will hear about {topic} at {email}.</p>;
  }
  return (
    <form
      className="newsletter"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(true);
      }}
    >
      <h2>Get {topic} updates</h2>
      <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} placeholder="you@example.com" />
      <button type="submit">Subscribe</button>
    </form>
  );
}
