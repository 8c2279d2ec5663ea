// SVG and MathML: camelCase SVG props that React maps to hyphenated or
// namespaced attributes (strokeWidth, xlinkHref, xmlLang), the ones that
// keep their case (viewBox, gradientUnits, preserveAspectRatio), unitless
// numbers in style, foreignObject back to HTML, and MathML elements.
export default function SvgMath({ size, label }) {
  return (
    <div>
      <svg
        xmlns="http://www.w3.org/2000/svg"
        xmlnsXlink="http://www.w3.org/1999/xlink"
        viewBox={`0 0 ${size} ${size}`}
        width={size}
        height={size}
        role="img"
        aria-label={label}
        focusable="false"
      >
        <title>{label}</title>
        <defs>
          <linearGradient id="g" gradientUnits="userSpaceOnUse" gradientTransform="rotate(90)">
            <stop offset="0" stopColor="#fff" stopOpacity={0.5} />
            <stop offset="1" stopColor="#000" />
          </linearGradient>
          <clipPath id="c" clipPathUnits="objectBoundingBox">
            <rect x="0" y="0" width="1" height="1" rx={0.1} />
          </clipPath>
        </defs>
        <g
          fill="url(#g)"
          stroke="currentColor"
          strokeWidth={2}
          strokeLinecap="round"
          strokeLinejoin="round"
          strokeDasharray="4 2"
          fillRule="evenodd"
          clipRule="evenodd"
          clipPath="url(#c)"
          transform="translate(1,1)"
          style={{ strokeOpacity: 0.5, fillOpacity: 1, strokeWidth: 3 }}
        >
          <path d="M0 0L10 10" vectorEffect="non-scaling-stroke" markerEnd="url(#m)" />
          <circle cx={size / 2} cy={size / 2} r={size / 4} />
          <text x="1" y="2" textAnchor="middle" dominantBaseline="central" fontFamily="serif" fontSize={12} xmlSpace="preserve" xmlLang="en">
            {label}
          </text>
          <use xlinkHref="#g" href="#c" xlinkTitle="t" />
          <image preserveAspectRatio="xMidYMid meet" xlinkHref="/i.png" />
        </g>
        <foreignObject width="10" height="10">
          <p className="html-again" tabIndex={0}>
            html
          </p>
        </foreignObject>
      </svg>
      <math display="block">
        <mrow>
          <msup>
            <mi>x</mi>
            <mn>{size}</mn>
          </msup>
          <mo stretchy="false">+</mo>
          <mfrac linethickness="0">
            <mn>1</mn>
            <mi mathvariant="bold">{label}</mi>
          </mfrac>
        </mrow>
      </math>
    </div>
  );
}
