// The console's docs, drawn: the schema's root queries and mutations, then any type the user
// follows (fields with their arguments and types, descriptions, enum values), with a trail back.
// What each part says, and where a click leads, is lib/docs.js; the elements it draws into are
// handed in by view.js (which names their ids).

import { enumValueText, nextPath, pathTo, rootSections, scalarText, typeKind } from '../../lib/docs.js';

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
      for (const { title, fields } of rootSections(schema)) container.append(...section(title, fields));
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
    const kind = typeKind(type);
    if (kind === 'fields') {
      const list = document.createElement('ul');
      list.className = 'fields';
      list.append(...Object.values(type.getFields()).map(fieldItem));
      container.append(list);
    } else if (kind === 'values') {
      const list = document.createElement('ul');
      list.className = 'fields';
      list.append(...type.getValues().map((v) => {
        const li = document.createElement('li');
        li.textContent = enumValueText(v);
        return li;
      }));
      container.append(list);
    } else {
      const p = document.createElement('p');
      p.textContent = scalarText(type.name);
      container.append(p);
    }
  };

  const open = (event) => {
    const button = event.target.closest('button');
    if (!button) return;
    path = nextPath(path, { root: 'root' in button.dataset, type: button.dataset.type });
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
      path = pathTo(schema, name);
      draw();
    },
  };
}
