export { DetailSkeleton as default } from "@/components/ui/skeletons";
