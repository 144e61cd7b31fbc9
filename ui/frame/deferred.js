// A view whose module is fetched after step 1 is drawn (the console and the Inspector: a dozen
// modules no start-up needs), standing in for it until then with the same five entries every
// step has (mount, enter, leave, reset, snippets). Opened before its module arrived, it enters
// once it has, unless the user moved on meanwhile. Leaves what each view does to the view.

/** The stand-in for the view shown as step `step`, whose module `load()` imports. */
export function deferredView(step, load) {
  let app = null;
  let module = null;
  let loading = null;
  const view = {
    /** Fetches and mounts the view's module (once); resolves to it. */
    load() {
      loading ??= load().then((loaded) => {
        module = loaded;
        module.mount(app);
        return module;
      }, (error) => {
        // Tried again the next time the view is opened.
        loading = null;
        throw error;
      });
      return loading;
    },
    mount(context) {
      app = context;
    },
    enter(context) {
      if (module) return module.enter?.(context);
      return view.load().then((loaded) => (app.step === step ? loaded.enter?.(context) : undefined));
    },
    leave() {
      module?.leave?.();
    },
    reset() {
      module?.reset?.();
    },
    /** The view's own programs for the code panel, once it has them. */
    get snippets() {
      return module?.snippets;
    },
  };
  return view;
}
