// URL and URLSearchParams (WHATWG), percent-encoding helpers.
export default function URLs({ base, path, query }) {
  const u = new URL(path, base);
  u.searchParams.set("q", query);
  u.searchParams.append("tag", "a b");
  u.searchParams.append("tag", "c&d=e");
  const sp = new URLSearchParams({ z: "1", a: "x y", emoji: "😀", plus: "1+1" });
  sp.sort();
  const parsed = new URLSearchParams("?a=1&b=%20two+three&a=3&c");
  const idn = new URL("https://münchen.de/straße?x=ü#frag ment");
  return (
    <div>
      <a href={u.toString()}>{u.href}</a>
      <ul>
        <li>{u.protocol}|{u.host}|{u.hostname}|{u.port}|{u.pathname}|{u.search}|{u.hash}|{u.origin}</li>
        <li>{sp.toString()}</li>
        <li>{parsed.getAll("a").join(",")}|{parsed.get("b")}|{String(parsed.get("c"))}|{String(parsed.has("d"))}</li>
        <li>{[...parsed.keys()].join(",")}</li>
        <li>{idn.href}</li>
        <li>{idn.hostname}|{idn.pathname}|{idn.search}|{idn.hash}</li>
        <li>{new URL("../x/./y/../z?#", "http://EXAMPLE.com:80/a/b/c").href}</li>
        <li>{new URL("file:///C:/dir/file.txt").pathname}</li>
        <li>{JSON.stringify(new URL("https://user:pa ss@example.com:8443/p"))}</li>
        <li>{encodeURIComponent(query)}</li>
        <li>{encodeURIComponent("a b&c=d/é?😀#!'()*~")}</li>
        <li>{encodeURI("https://x.com/a b?c=ü&d=#e")}</li>
        <li>{decodeURIComponent("%E2%82%AC%20%F0%9F%98%80")}</li>
        <li>{escape("ä ü+")}|{unescape("%E4%20%u00FC")}</li>
      </ul>
    </div>
  );
}
