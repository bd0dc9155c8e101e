/*
 * School Data Approvals' Tasklist configuration (replaces Camunda's config.js; README, "Tasklist").
 * Camunda's own keys; the differences from its default: no shortcut to start a process (nobody starts one by hand
 * here), and one custom script.
 */
export default {
  customScripts: [
    // After a task is completed, clears the error banners of earlier attempts: Tasklist keeps them otherwise.
    'custom/clear-stale-errors'
  ],
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    }
  }
};
