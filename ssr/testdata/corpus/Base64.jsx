// atob/btoa (Latin-1 only) and the usual UTF-8 round trip through
// TextEncoder/TextDecoder.
function utf8ToBase64(s) {
  const bytes = new TextEncoder().encode(s);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function base64ToUtf8(b64) {
  const bin = atob(b64);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

export default function Base64({ text, latin1 }) {
  let err = "none";
  try {
    btoa(text);
  } catch (e) {
    err = e.name;
  }
  return (
    <ul>
      <li>{btoa(latin1)}</li>
      <li>{atob(btoa(latin1))}</li>
      <li>{btoa("")}|{btoa("a")}|{btoa("ab")}|{btoa("abc")}</li>
      <li>{atob("SGVsbG8=")}|{atob(" SGVs bG8 ")}|{atob("SGVsbG8")}</li>
      <li>{utf8ToBase64(text)}</li>
      <li>{base64ToUtf8(utf8ToBase64(text))}</li>
      <li>{err}</li>
      <li>{String(new TextEncoder().encode(text).length)}</li>
      <li>{btoa(String.fromCharCode(0, 255, 128))}</li>
    </ul>
  );
}
