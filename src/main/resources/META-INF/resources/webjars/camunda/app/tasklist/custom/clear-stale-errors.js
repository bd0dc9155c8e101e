/*
 * Tasklist keeps the red banner of a refused attempt on screen after the task is then completed, which reads as if
 * the completion had failed too. A banner belongs to the task it was about: when Tasklist moves off that task (it
 * does so once the task is completed) or announces a completion, the banners go.
 */
window.angular.module('cam.tasklist').run(['$rootScope', '$location', 'Notifications',
  function($rootScope, $location, Notifications) {
    var shownTask = $location.search().task;
    $rootScope.$on('tasklist.task.complete', function() {
      Notifications.clearAll();
    });
    $rootScope.$on('$locationChangeSuccess', function() {
      var task = $location.search().task;
      if (task !== shownTask) {
        shownTask = task;
        Notifications.clearAll();
      }
    });
  }]);

export default [];
