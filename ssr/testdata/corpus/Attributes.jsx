// Attribute names: React maps camelCase props to HTML and SVG attribute
// names (className, htmlFor, strokeWidth, xlinkHref, ...) and passes aria-*,
// data-* and unknown lowercase attributes through.
export default function Attributes({ id, label }) {
  return (
    <section className="card primary" id={id} data-testid="attrs" data-user-id={42} aria-label={label} aria-hidden={false}>
      <label htmlFor={`${id}-input`} className="lbl">{label}</label>
      <input id={`${id}-input`} tabIndex={-1} autoComplete="off" spellCheck={false} maxLength={20} aria-describedby="hint" aria-invalid={true} />
      <div tabIndex={0} role="button" contentEditable suppressContentEditableWarning accessKey="k">edit</div>
      <meta httpEquiv="refresh" content="30" />
      <form acceptCharset="utf-8" encType="multipart/form-data" noValidate />
      <td colSpan={2} rowSpan={3} />
      <img srcSet="a.png 1x, b.png 2x" crossOrigin="anonymous" referrerPolicy="no-referrer" fetchPriority="high" alt="" />
      <svg viewBox="0 0 24 24" width="24" height="24" xmlns="http://www.w3.org/2000/svg" xmlnsXlink="http://www.w3.org/1999/xlink">
        <defs>
          <linearGradient id="g" gradientUnits="userSpaceOnUse" gradientTransform="rotate(45)">
            <stop offset="0" stopColor="#fff" stopOpacity={0.5} />
          </linearGradient>
          <clipPath id="c"><rect x={0} y={0} width={10} height={10} /></clipPath>
        </defs>
        <path d="M0 0L10 10" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" strokeDasharray="4 2" fillOpacity={0.3} fillRule="evenodd" clipPath="url(#c)" />
        <use xlinkHref="#icon" xmlSpace="preserve" />
        <text textAnchor="middle" dominantBaseline="central" fontFamily="serif" fontSize={12}>T</text>
        <foreignObject width="10" height="10"><div className="inside">x</div></foreignObject>
      </svg>
      <my-element class="custom" some-attr="v" onclick="x" />
      <div unknownattr="kept" data-json={JSON.stringify({ a: 1 })} />
    </section>
  );
}
