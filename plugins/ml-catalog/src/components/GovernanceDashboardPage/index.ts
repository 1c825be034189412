export {
  GovernanceDashboardContent,
  GovernanceDashboardPage,
} from './GovernanceDashboardPage';
