// Arrays with keys: keys never reach the HTML; adjacent text items in an
// array still get <!-- --> separators.
export default function ListKeys({ users, tags }) {
  return (
    <div>
      <ul>
        {users.map((u) => (
          <li key={u.id} data-id={u.id}>
            {u.name} ({u.age})
          </li>
        ))}
      </ul>
      <p>{tags.map((t, i) => [i > 0 && ", ", t])}</p>
      <p>{tags}</p>
      <table>
        <tbody>
          {users.map((u, i) => (
            <tr key={u.id} className={i % 2 ? "odd" : "even"}>
              <td>{i + 1}</td>
              <td>{u.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
