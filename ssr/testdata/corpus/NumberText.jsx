// Numbers turned into text: shortest round-trip formatting, exponents,
// toFixed/toPrecision/toString(radix), and Math results that differ by one
// ulp between implementations.
export default function NumberText({ xs }) {
  return (
    <ul>
      <li>{xs.join(" ")}</li>
      <li>{xs.map((x) => x.toFixed(2)).join(" ")}</li>
      <li>{xs.map((x) => x.toPrecision(4)).join(" ")}</li>
      <li>{xs.map((x) => x.toExponential(3)).join(" ")}</li>
      <li>{(0.1 + 0.2).toString()}|{(1.005).toFixed(2)}|{(1e21).toString()}|{(1e-7).toString()}|{(-0).toString()}|{123.456e300 * 1e10}</li>
      <li>{(255).toString(16)}|{(255).toString(2)}|{(0.5).toString(2)}|{(1 / 3).toString(36)}|{(-255.5).toString(16)}|{Math.PI.toString(7)}</li>
      <li>{Math.sin(1e6)}|{Math.cos(1)}|{Math.tan(0.5)}|{Math.exp(1.5)}|{Math.log(10)}|{Math.pow(1.1, 10)}|{Math.cbrt(27)}|{Math.hypot(3, 4, 5)}</li>
      <li>{Math.atan2(1, 3)}|{Math.sinh(1)}|{Math.expm1(1e-5)}|{Math.log1p(1e-5)}|{Math.log10(2)}|{Math.asinh(2)}|{2 ** 0.5}|{10 ** -5}</li>
      <li>{Number.MAX_SAFE_INTEGER}|{Number.MIN_VALUE}|{Number.EPSILON}|{2 ** 53 + 1}|{Number("0x1f")}|{parseFloat("3.14abc")}|{parseInt("08")}</li>
      <li>{JSON.stringify({ a: 1e21, b: 1.5e-7, c: -0, d: NaN, e: 100 })}</li>
      <li>{String(123456789012345680000)}|{(25).toString(36)}|{Number((0.000001234).toPrecision(2))}</li>
    </ul>
  );
}
