/** @jsxImportSource @emotion/react */
import { css } from "@emotion/react";
import styled from "@emotion/styled";

const Box = styled.div`
  border: 1px solid ${(p) => p.color};
`;

export default function Emotion({ color }) {
  return (
    <Box color={color}>
      <span css={css({ fontWeight: "bold", color })}>emotion</span>
    </Box>
  );
}
