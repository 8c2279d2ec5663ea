import styles from "./CSSModule.module.css";
import logo from "./logo.svg";

// CSS modules (esbuild local-css) and file-loader asset URLs: the server
// bundle must produce the class names and URLs the browser bundle uses.
export default function CSSModule({ title }) {
  return (
    <div className={styles.card}>
      <h3 className={styles.title}>{title}</h3>
      <img src={logo} alt="" />
      <p>{Object.keys(styles).sort().join(",")}</p>
    </div>
  );
}
