package ssr

import "github.com/evanw/esbuild/pkg/api"

// frameworkPlugins returns the esbuild plugins that framework support needs
// beyond what esbuild does natively.
func frameworkPlugins(cfg Config) func(server bool) []api.Plugin {
	return nil
}
