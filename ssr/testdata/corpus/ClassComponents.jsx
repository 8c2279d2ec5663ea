import { Component, PureComponent, createContext } from "react";

// Class components on the server: the constructor's state,
// getDerivedStateFromProps, setState in UNSAFE_componentWillMount and in the
// legacy componentWillMount (object and updater forms, merged before
// render), contextType, defaultProps, and PureComponent.
const Theme = createContext("light");

class Derived extends Component {
  state = { base: 1 };
  static getDerivedStateFromProps(props, state) {
    return { label: `${props.label}#${state.base}` };
  }
  render() {
    return <h2 title={this.state.label}>{this.state.label}</h2>;
  }
}

class WillMount extends Component {
  constructor(props) {
    super(props);
    this.state = { n: props.n, notes: [] };
  }
  UNSAFE_componentWillMount() {
    this.setState({ n: this.state.n + 1 });
    this.setState((s) => ({ n: s.n * 2, notes: [...s.notes, "updater"] }));
  }
  componentDidMount() {
    this.setState({ n: -1 });
  }
  render() {
    return (
      <p>
        {this.state.n} {this.state.notes.join(",")}
      </p>
    );
  }
}

class Legacy extends Component {
  state = { v: "initial" };
  componentWillMount() {
    this.setState({ v: "legacy will mount" });
  }
  render() {
    return <span>{this.state.v}</span>;
  }
}

class Themed extends Component {
  static contextType = Theme;
  render() {
    return <b className={`theme-${this.context}`}>{this.context}</b>;
  }
}

class WithDefaults extends Component {
  static defaultProps = { greeting: "hello", mark: "!" };
  render() {
    return (
      <i>
        {this.props.greeting}
        {this.props.mark}
      </i>
    );
  }
}

class Pure extends PureComponent {
  render() {
    return <u>{this.props.children}</u>;
  }
}

export default function ClassComponents({ label, n, theme }) {
  return (
    <div>
      <Derived label={label} />
      <WillMount n={n} />
      <Legacy />
      <Themed />
      <Theme value={theme}>
        <Themed />
      </Theme>
      <WithDefaults />
      <WithDefaults greeting="hi" mark={undefined} />
      <Pure>
        pure <Themed />
      </Pure>
    </div>
  );
}
