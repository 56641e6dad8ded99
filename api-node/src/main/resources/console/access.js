// Access: users, groups, access keys (a new secret is shown once), and policies with a JSON editor that the
// server's own policy parser validates before the policy is saved. Every action is an IAM Query request.
import { iam, json, text } from './api.js';
import { h, clear, announce, field, table } from './dom.js';

const READ_ONLY_EXAMPLE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket', 's3:ListAllMyBuckets'], Resource: '*' }],
}, null, 2);

function members(doc, listTag) {
  const list = doc.getElementsByTagName(listTag)[0];
  return list ? [...list.children].filter((c) => c.tagName === 'member') : [];
}

/** Runs an IAM action from a form, announces the outcome and refreshes the page's lists. */
async function act(message, work, after) {
  try {
    const result = await work();
    announce(message);
    if (after) await after(result);
    return result;
  } catch (e) {
    announce(e.message);
    return null;
  }
}

export async function render(page) {
  const users = h('div', { id: 'users' });
  const groups = h('div', { id: 'groups' });
  const policies = h('div', { id: 'policies' });
  const keys = h('div', { id: 'keys', 'aria-live': 'polite' });
  const refresh = async () => {
    await Promise.all([showUsers(users, keys, refresh), showGroups(groups), showPolicies(policies)]);
  };
  page.append(h('h2', { text: 'Access' }),
    h('section', { 'aria-labelledby': 'users-title' }, h('h3', { id: 'users-title', text: 'Users' }),
      form('create-user', 'Create user', [field('new-user', 'New user name', { required: true, autocomplete: 'off' })],
        (f) => act('User ' + f['new-user'].value + ' created', () => iam('CreateUser', { UserName: f['new-user'].value }), refresh)),
      users, keys),
    h('section', { 'aria-labelledby': 'groups-title' }, h('h3', { id: 'groups-title', text: 'Groups' }),
      form('create-group', 'Create group', [field('new-group', 'New group name', { required: true, autocomplete: 'off' })],
        (f) => act('Group created', () => iam('CreateGroup', { GroupName: f['new-group'].value }), refresh)),
      form('add-to-group', 'Add user to group', [field('group-name', 'Group', { required: true }),
        field('group-user', 'User', { required: true })],
      (f) => act('User added to group', () => iam('AddUserToGroup', { GroupName: f['group-name'].value,
        UserName: f['group-user'].value }), refresh)),
      groups),
    h('section', { 'aria-labelledby': 'policies-title' }, h('h3', { id: 'policies-title', text: 'Policies' }),
      policyEditor(refresh), policies,
      form('attach-policy', 'Attach policy to user', [field('attach-policy-name', 'Policy name', { required: true }),
        field('attach-user', 'User', { required: true })], (f) => attach(f['attach-policy-name'].value,
        f['attach-user'].value))));
  await refresh();
}

function form(id, submit, fields, onSubmit) {
  const el = h('form', { id, class: 'inline' }, fields, h('button', { type: 'submit', text: submit }));
  el.addEventListener('submit', async (e) => {
    e.preventDefault();
    await onSubmit(el.elements);
  });
  return el;
}

async function showUsers(container, keys, refresh) {
  const doc = await iam('ListUsers').catch((e) => { announce(e.message); return null; });
  if (!doc) return;
  const names = members(doc, 'Users').map((m) => [text(m, 'UserName'), text(m, 'CreateDate')]);
  clear(container).append(table('Users', ['User', 'Created', 'Actions'], names.map(([name, created]) => [name, created,
    h('div', { class: 'actions' },
      h('button', { type: 'button', 'aria-label': 'Access keys of ' + name, text: 'Keys', onclick: () => showKeys(keys, name) }),
      h('button', { type: 'button', 'aria-label': 'Delete user ' + name, text: 'Delete',
        onclick: () => act('User ' + name + ' deleted', () => iam('DeleteUser', { UserName: name }), refresh) }))])));
}

async function showKeys(container, user) {
  const doc = await iam('ListAccessKeys', { UserName: user }).catch((e) => { announce(e.message); return null; });
  if (!doc) return;
  const rows = members(doc, 'AccessKeyMetadata').map((m) => {
    const id = text(m, 'AccessKeyId');
    return [id, text(m, 'Status'), h('button', { type: 'button', 'aria-label': 'Delete key ' + id, text: 'Delete',
      onclick: () => act('Key ' + id + ' deleted', () => iam('DeleteAccessKey', { UserName: user, AccessKeyId: id }),
        () => showKeys(container, user)) })];
  });
  const secret = h('div', { id: 'new-key' });
  clear(container).append(table('Access keys of ' + user,
    ['Access key ID', 'Status', 'Actions'], rows),
  h('button', { type: 'button', id: 'create-key', text: 'Create access key for ' + user, onclick: () =>
    act('Access key created: copy the secret now, it is shown only once', () => iam('CreateAccessKey', { UserName: user }),
      async (created) => {
        await showKeys(container, user);
        const box = container.querySelector('#new-key');
        box.append(h('p', { text: 'The secret is shown once; store it now.' }),
          ...field('new-key-id', 'Access key ID', { readonly: true, value: text(created, 'AccessKeyId') }),
          ...field('new-key-secret', 'Secret access key (shown once)', { readonly: true,
            value: text(created, 'SecretAccessKey') }));
      }) }),
  secret);
}

async function showGroups(container) {
  const doc = await iam('ListGroups').catch((e) => { announce(e.message); return null; });
  if (!doc) return;
  clear(container).append(table('Groups', ['Group', 'Created'], members(doc, 'Groups').map((m) =>
    [text(m, 'GroupName'), text(m, 'CreateDate')])));
}

async function showPolicies(container) {
  const doc = await iam('ListPolicies', { Scope: 'Local' }).catch((e) => { announce(e.message); return null; });
  if (!doc) return;
  clear(container).append(table('Policies', ['Policy', 'ARN', 'Attachments'], members(doc, 'Policies').map((m) =>
    [text(m, 'PolicyName'), text(m, 'Arn'), text(m, 'AttachmentCount')])));
}

function policyEditor(refresh) {
  const verdict = h('p', { id: 'policy-verdict', role: 'status' });
  const validate = async (doc) => {
    try {
      await json('POST', '/api/policy/validate', JSON.parse(doc));
      verdict.textContent = 'The policy is valid.';
      return true;
    } catch (e) {
      verdict.textContent = e instanceof SyntaxError ? 'Not JSON: ' + e.message : e.message;
      return false;
    }
  };
  const el = h('form', { id: 'policy-editor' },
    field('policy-name', 'Policy name', { required: true, autocomplete: 'off' }),
    field('policy-document', 'Policy document (JSON)', { rows: '12', spellcheck: 'false' }),
    h('div', { class: 'buttons' },
      h('button', { type: 'button', id: 'validate-policy', text: 'Validate',
        onclick: () => validate(el.elements['policy-document'].value) }),
      h('button', { type: 'submit', id: 'save-policy', text: 'Create policy' })),
    verdict);
  el.elements['policy-document'].value = READ_ONLY_EXAMPLE;
  el.addEventListener('submit', async (e) => {
    e.preventDefault();
    const doc = el.elements['policy-document'].value;
    if (!(await validate(doc))) return;
    await act('Policy ' + el.elements['policy-name'].value + ' created', () => iam('CreatePolicy', {
      PolicyName: el.elements['policy-name'].value, PolicyDocument: doc }), refresh);
  });
  return el;
}

async function attach(policyName, user) {
  const doc = await iam('ListPolicies', { Scope: 'Local' }).catch((e) => { announce(e.message); return null; });
  if (!doc) return;
  const found = members(doc, 'Policies').find((m) => text(m, 'PolicyName') === policyName);
  if (!found) {
    announce('NoSuchEntity: no policy named ' + policyName);
    return;
  }
  await act('Policy ' + policyName + ' attached to ' + user, () => iam('AttachUserPolicy', { UserName: user,
    PolicyArn: text(found, 'Arn') }));
}
