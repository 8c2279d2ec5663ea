package bundle

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInstallHint(t *testing.T) {
	tests := []struct{ text, want string }{
		{`Could not resolve "lodash"`, "npm install lodash"},
		{`Could not resolve "lodash/get"`, "npm install lodash"},
		{`Could not resolve "@scope/pkg/sub/x.js"`, "npm install @scope/pkg"},
		{`Could not resolve "./Missing"`, ""},
		{`Could not resolve "/abs/x"`, ""},
		{`Could not resolve "node:fs"`, ""},
		{`Could not resolve "@scope"`, ""},
		{`Expected ";" but found "x"`, ""},
	}
	for _, tt := range tests {
		if got := installHint(tt.text); got != tt.want {
			t.Errorf("installHint(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestMissingPackageNamesInstall builds a component that imports a package
// nobody installed: the error names the file, line and the npm command.
func TestMissingPackageNamesInstall(t *testing.T) {
	dir := t.TempDir()
	src := "import pad from \"left-pad-not-installed/index.js\";\n\nexport default function X() {\n  return <p>{pad(\"x\", 3)}</p>;\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "X.jsx"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Build(Options{ComponentsDir: dir, Root: "../.."})
	var be *Error
	if !errors.As(err, &be) {
		t.Fatalf("want a build error, got %v", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "X.jsx:1:") || !strings.Contains(msg, "run: npm install left-pad-not-installed)") {
		t.Fatalf("build error lacks the position or the install command:\n%s", msg)
	}
}

// TestBuilderRebuilds: a Builder sees edits, added and removed components.
func TestBuilderRebuilds(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("A.jsx", "export default function A() { return <p>one</p>; }\n")
	b := NewBuilder(Options{ComponentsDir: dir, Root: "../.."})
	defer b.Close()
	first, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	write("A.jsx", "export default function A() { return <p>two</p>; }\n")
	second, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if second.BuildID == first.BuildID || !strings.Contains(second.Server, "two") || strings.Contains(second.Server, "\"one\"") {
		t.Fatalf("an edit did not reach the rebuild (build %s -> %s)", first.BuildID, second.BuildID)
	}
	write("B.jsx", "export default function B() { return <p>bee</p>; }\n")
	third, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if len(third.Components) != 2 || third.Manifest.Components["B"].JS == "" {
		t.Fatalf("an added component is missing: %+v", third.Components)
	}
	os.Remove(filepath.Join(dir, "B.jsx"))
	fourth, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if len(fourth.Components) != 1 {
		t.Fatalf("a removed component is still built: %+v", fourth.Components)
	}
}
