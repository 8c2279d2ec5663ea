import styled from "styled-components";

const Button = styled.button`
  color: ${(p) => (p.$primary ? "white" : "palevioletred")};
  padding: 0.25em 1em;
`;
const Title = styled.h1.attrs({ role: "heading" })`font-size: 1.5em;`;

export default function StyledComponents({ label }) {
  return (
    <div>
      <Title>{label}</Title>
      <Button $primary>{label}</Button>
      <Button>plain</Button>
    </div>
  );
}
