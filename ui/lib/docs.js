// The console's docs: the schema's root queries and mutations, then any type the user follows
// (fields with their arguments and types, descriptions, enum values), with a trail back.

/**
 * A docs view drawn into `container`, its trail into `trail`. `use(schema, getNamedType)` gives it
 * a graphql-js schema; `show(name)` opens a type (null: the roots).
 */
export function consoleDocs(container, trail) {
  let schema = null;
  let named = null;
  let path = [];

  const typeButton = (type) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'type-link';
    button.textContent = String(type);
    button.dataset.type = named(type).name;
    return button;
  };

  const fieldItem = (field) => {
    const li = document.createElement('li');
    const head = document.createElement('code');
    head.append(field.name);
    if (field.args?.length) {
      head.append('(');
      field.args.forEach((arg, i) => {
        if (i) head.append(', ');
        head.append(`${arg.name}: `, typeButton(arg.type));
      });
      head.append(')');
    }
    head.append(': ', typeButton(field.type));
    li.append(head);
    if (field.description) {
      const p = document.createElement('p');
      p.textContent = field.description;
      li.append(p);
    }
    return li;
  };

  const section = (title, fields) => {
    const h = document.createElement('h4');
    h.textContent = title;
    const list = document.createElement('ul');
    list.className = 'fields';
    list.append(...fields.map(fieldItem));
    return [h, list];
  };

  const draw = () => {
    container.replaceChildren();
    trail.replaceChildren();
    if (!schema) {
      container.textContent = 'The docs appear once the schema is read.';
      return;
    }
    const root = document.createElement('button');
    root.type = 'button';
    root.textContent = 'Schema';
    root.dataset.root = '';
    trail.append(root, ...path.flatMap((name) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = name;
      b.dataset.type = name;
      return [' › ', b];
    }));
    const name = path[path.length - 1];
    if (!name) {
      const query = schema.getQueryType();
      const mutation = schema.getMutationType();
      if (query) container.append(...section(`Queries (${query.name})`, Object.values(query.getFields())));
      if (mutation) container.append(...section(`Mutations (${mutation.name})`, Object.values(mutation.getFields())));
      return;
    }
    const type = schema.getType(name);
    if (!type) {
      container.textContent = `${name} is not in this schema.`;
      return;
    }
    const h = document.createElement('h4');
    h.textContent = `${type.name}`;
    container.append(h);
    if (type.description) {
      const p = document.createElement('p');
      p.textContent = type.description;
      container.append(p);
    }
    if (typeof type.getFields === 'function') {
      const list = document.createElement('ul');
      list.className = 'fields';
      list.append(...Object.values(type.getFields()).map(fieldItem));
      container.append(list);
    } else if (typeof type.getValues === 'function') {
      const list = document.createElement('ul');
      list.className = 'fields';
      list.append(...type.getValues().map((v) => {
        const li = document.createElement('li');
        li.textContent = v.description ? `${v.name}: ${v.description}` : v.name;
        return li;
      }));
      container.append(list);
    } else {
      const p = document.createElement('p');
      p.textContent = `A scalar: written as a ${['Int', 'Float'].includes(type.name) ? 'number' : type.name === 'Boolean' ? 'true or false' : 'string'} in variables.`;
      container.append(p);
    }
  };

  const open = (event) => {
    const button = event.target.closest('button');
    if (!button) return;
    if ('root' in button.dataset) path = [];
    else if (button.dataset.type) {
      const at = path.indexOf(button.dataset.type);
      path = at >= 0 ? path.slice(0, at + 1) : [...path, button.dataset.type];
    }
    draw();
  };
  container.addEventListener('click', open);
  trail.addEventListener('click', open);
  draw();

  return {
    use(newSchema, getNamedType) {
      schema = newSchema;
      named = getNamedType;
      path = [];
      draw();
    },
    show(name) {
      path = name && schema?.getType(name) ? [name] : [];
      draw();
    },
  };
}
