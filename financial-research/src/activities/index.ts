// The worker registers this folder's activities from here.
export { createReportActivities, type ReportActivities, type SaveReportInput } from './save-report';
