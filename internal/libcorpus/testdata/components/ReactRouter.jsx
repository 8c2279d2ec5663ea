import { StaticRouter } from "react-router";
import { Routes, Route, Link, useParams, NavLink } from "react-router";

function Product() {
  const { id } = useParams();
  return <h2>Product {id}</h2>;
}

export default function ReactRouter({ url }) {
  return (
    <StaticRouter location={url}>
      <nav><Link to="/">Home</Link> <NavLink to="/products/7">Seven</NavLink></nav>
      <Routes>
        <Route path="/" element={<h2>Home</h2>} />
        <Route path="/products/:id" element={<Product />} />
        <Route path="*" element={<h2>Not found</h2>} />
      </Routes>
    </StaticRouter>
  );
}
