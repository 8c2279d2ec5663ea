import { Profiler, StrictMode, useId, useState } from "react";

// StrictMode and Profiler render their children and nothing else: no
// markup and no double render on the server; useId inside them, nested.
function Counted({ label }) {
  const [renders] = useState(() => {
    counted.n += 1;
    return counted.n;
  });
  const id = useId();
  return (
    <span id={id}>
      {label} {typeof renders}
    </span>
  );
}
const counted = { n: 0 };

export default function StrictProfiler({ label }) {
  return (
    <StrictMode>
      <div>
        <Profiler id="outer" onRender={() => {}}>
          <Counted label={label} />
          <StrictMode>
            <Profiler id="inner" onRender={() => {}}>
              <p>
                <Counted label="nested" />
              </p>
            </Profiler>
          </StrictMode>
        </Profiler>
        <Counted label="plain" />
      </div>
    </StrictMode>
  );
}
