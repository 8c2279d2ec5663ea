import { FormProvider, useController, useFieldArray, useForm, useFormContext, useWatch } from "react-hook-form";

// react-hook-form: registered inputs (uncontrolled, defaultValue from the
// form's defaultValues), a Controller-style controlled input, a field
// array, useWatch and the form state the server sees (nothing dirty, no
// errors, not submitted).
function Controlled({ name }) {
  const { field, fieldState } = useController({ name, rules: { required: true } });
  return <input {...field} value={field.value ?? ""} data-invalid={fieldState.invalid} />;
}

function Summary() {
  const { formState } = useFormContext();
  const email = useWatch({ name: "email" });
  return (
    <p data-dirty={formState.isDirty} data-valid={formState.isValid}>
      {email} | submitted {String(formState.isSubmitted)} | errors {Object.keys(formState.errors).length}
    </p>
  );
}

export default function ReactHookForm({ defaults }) {
  const methods = useForm({ defaultValues: defaults });
  const { register, control, handleSubmit } = methods;
  const { fields } = useFieldArray({ control, name: "tags" });
  return (
    <FormProvider {...methods}>
      <form onSubmit={handleSubmit(() => {})} noValidate>
        <input {...register("email", { required: "email is required" })} type="email" />
        <input {...register("age", { valueAsNumber: true, min: 18 })} type="number" />
        <input {...register("terms")} type="checkbox" />
        <select {...register("plan")}>
          <option value="free">Free</option>
          <option value="pro">Pro</option>
        </select>
        <textarea {...register("bio")} />
        <Controlled name="nickname" />
        <ul>
          {fields.map((f, i) => (
            <li key={f.id}>
              <input {...register(`tags.${i}.label`)} />
            </li>
          ))}
        </ul>
        <Summary />
      </form>
    </FormProvider>
  );
}
