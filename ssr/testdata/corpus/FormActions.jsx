import { useActionState } from "react";
import { useFormStatus } from "react-dom";

// Form actions: a function passed as action/formAction renders a
// javascript: URL that throws if the form is submitted before hydration.
async function save() {}

function Submit() {
  const { pending } = useFormStatus();
  return <button type="submit" disabled={pending}>{pending ? "Saving" : "Save"}</button>;
}

export default function FormActions({ initial }) {
  const [state, action, pending] = useActionState(async (prev) => prev + 1, initial);
  return (
    <div>
      <form action={save}>
        <input name="q" />
        <button formAction={save}>Function</button>
        <button formAction="/search" formMethod="get" formEncType="text/plain" formTarget="_blank" formNoValidate>String</button>
        <input type="submit" formAction={save} value="Input" />
        <input type="image" formAction={save} alt="img" />
        <Submit />
      </form>
      <form action="/plain" method="post"><button>Plain</button></form>
      <form action={action}>
        <output>{state}</output>
        <span>{String(pending)}</span>
      </form>
    </div>
  );
}
