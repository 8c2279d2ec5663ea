import { Suspense, lazy, use } from "react";

// Suspense boundaries and lazy components that resolve during the render:
// a lazy whose thenable calls back synchronously, a lazy of a memo, use()
// of an already fulfilled thenable, nested boundaries, a fallback that is
// never shown, and text right beside the boundary markers.
function Greeting({ name }) {
  return <b>hello {name}</b>;
}

const syncModule = (m) => ({ then: (resolve) => resolve(m) });
const LazyGreeting = lazy(() => syncModule({ default: Greeting }));
const LazyArrow = lazy(() => syncModule({ default: ({ n }) => <i>{n * 2}</i> }));

function fulfilled(value) {
  const p = Promise.resolve(value);
  p.status = "fulfilled";
  p.value = value;
  return p;
}

function UseValue({ thenable }) {
  return <span>{use(thenable)}</span>;
}

export default function SuspenseLazy({ name, n }) {
  return (
    <div>
      before
      <Suspense fallback={<p>loading</p>}>
        <LazyGreeting name={name} />
        after lazy
      </Suspense>
      between
      <Suspense fallback="text fallback">
        <Suspense fallback={null}>
          <LazyArrow n={n} />
          <UseValue thenable={fulfilled(`used ${name}`)} />
        </Suspense>
        {n}
      </Suspense>
      <Suspense>{name}</Suspense>
      <Suspense fallback={<p>x</p>} />
      after
    </div>
  );
}
